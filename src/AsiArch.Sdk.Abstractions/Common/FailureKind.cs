namespace AsiArch.Sdk;

/// <summary>Why an experiment (or one step of it) failed. Names are stable: stores, reports and the CLI use them.</summary>
public enum FailureKind
{
    /// <summary>The candidate source does not compile.</summary>
    CompileError,

    /// <summary>The safety gate found a forbidden API (I/O, network, reflection, interop, threads, ...).</summary>
    PolicyViolation,

    /// <summary>The source compiles but breaks the candidate contract (class shape, constructor, output shape).</summary>
    ContractViolation,

    /// <summary>An exception while running the candidate.</summary>
    RuntimeError,

    /// <summary>Outputs at earlier positions depend on later inputs.</summary>
    NotCausal,

    /// <summary>Forward time grows faster than linearly with sequence length beyond the allowed exponent.</summary>
    SuperLinear,

    /// <summary>NaN or infinity in outputs, loss or metrics (training divergence included).</summary>
    NonFinite,

    /// <summary>A wall-clock budget was exceeded.</summary>
    Timeout,

    /// <summary>A memory budget was exceeded.</summary>
    OutOfMemory,

    /// <summary>The worker process died without a result.</summary>
    Crashed,

    /// <summary>A model answered with output that could not be used after the allowed retries.</summary>
    InvalidModelOutput,

    /// <summary>The proposal duplicates an earlier design and could not be re-planned.</summary>
    Duplicate,

    /// <summary>A metric needed for scoring is missing or not finite.</summary>
    MissingMetric,

    /// <summary>A budget (tokens, money, compute) stopped the step.</summary>
    BudgetExceeded,

    /// <summary>The run was cancelled while the step was running.</summary>
    Cancelled,
}
