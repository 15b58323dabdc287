namespace AsiArch.Sdk.Engineering.Gate;

/// <summary>Stable ids of the safety gate's diagnostics. Stores, reports and repair prompts rely on them.</summary>
public static class GateDiagnosticIds
{
    /// <summary>An API that is not on the allow-list (and not in a more specific category).</summary>
    public const string NotAllowed = "ASA000";

    /// <summary>File-system access (<c>System.IO</c>, <c>torch.utils</c> data and tensorboard writers).</summary>
    public const string FileSystem = "ASA001";

    /// <summary>Network access (<c>System.Net</c>).</summary>
    public const string Network = "ASA002";

    /// <summary>Processes and diagnostics (<c>System.Diagnostics.Process</c>, ...).</summary>
    public const string Process = "ASA003";

    /// <summary>Reflection and code generation (<c>Type</c>, <c>Activator</c>, <c>Assembly</c>, <c>MethodInfo.Invoke</c>, expression trees).</summary>
    public const string Reflection = "ASA004";

    /// <summary>Native interop (<c>DllImport</c>, <c>extern</c>, <c>Marshal</c>, function pointers, <c>IntPtr</c>, TorchSharp's PInvoke).</summary>
    public const string Interop = "ASA005";

    /// <summary><c>unsafe</c> code, pointers, <c>fixed</c>, <c>stackalloc</c>, address-of.</summary>
    public const string Unsafe = "ASA006";

    /// <summary><c>Environment</c>, <c>AppContext</c>, <c>AppDomain</c>.</summary>
    public const string Environment = "ASA007";

    /// <summary>Threads, tasks, timers, locks and <c>async</c> started by the candidate.</summary>
    public const string Threading = "ASA008";

    /// <summary>Code that runs at load time or on the finalizer thread: static constructors, <c>[ModuleInitializer]</c>, finalizers.</summary>
    public const string LoadTimeCode = "ASA009";

    /// <summary>Torch serialization: <c>torch.save/load</c>, module save/load, state-dict loading, <c>torch.jit</c>, files.</summary>
    public const string TorchSerialization = "ASA010";

    /// <summary>The <c>dynamic</c> type.</summary>
    public const string Dynamic = "ASA011";

    /// <summary>Runtime control: <c>GC</c>, <c>Console</c>, torch thread and device set-up.</summary>
    public const string RuntimeControl = "ASA012";

    /// <summary>Attributes (a candidate needs none; some change how code is loaded or run).</summary>
    public const string Attribute = "ASA013";
}
