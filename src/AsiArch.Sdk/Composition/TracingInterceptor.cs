using System.Diagnostics;

namespace AsiArch.Sdk.Composition;

/// <summary>
/// Starts one span per call named <c>{role}.{operation}</c>, tags it with role, operation, experiment index, returned
/// failure kind or fitness, and records exceptions as errors.
/// </summary>
internal sealed class TracingInterceptor(string role, ActivitySource source) : CallInterceptor(role)
{
    public override async Task<TResult> InvokeAsync<TResult>(
        string operation, object? request, Func<CancellationToken, Task<TResult>> call, CancellationToken cancellationToken)
    {
        using var activity = source.StartActivity($"{Role}.{operation}", ActivityKind.Internal);
        if (activity is null)
        {
            return await call(cancellationToken).ConfigureAwait(false);
        }

        activity.SetTag(AsiArchTelemetry.RoleTag, Role);
        activity.SetTag(AsiArchTelemetry.OperationTag, operation);
        if (CallDetails.ExperimentIndex(request) is { } index)
        {
            activity.SetTag(AsiArchTelemetry.ExperimentIndexTag, index);
        }

        try
        {
            var result = await call(cancellationToken).ConfigureAwait(false);
            if (CallDetails.Failure(result) is { } failure)
            {
                activity.SetTag(AsiArchTelemetry.FailureKindTag, failure.Kind.ToString());
            }

            if (result is FitnessResult { Score: { } score })
            {
                activity.SetTag(AsiArchTelemetry.FitnessTotalTag, score.Total);
            }

            return result;
        }
        catch (Exception ex)
        {
            activity.SetStatus(ActivityStatusCode.Error, ex.Message);
            activity.SetTag(AsiArchTelemetry.ErrorTypeTag, ex.GetType().FullName);
            activity.AddException(ex);
            throw;
        }
    }
}
