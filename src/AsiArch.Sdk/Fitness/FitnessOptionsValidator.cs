using Microsoft.Extensions.Options;

namespace AsiArch.Sdk.Fitness;

/// <summary>Compiles the configured fitness formula and candidate filter at start-up so a bad expression fails early.</summary>
public sealed class FitnessOptionsValidator : IValidateOptions<FitnessOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, FitnessOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        try
        {
            if (!string.IsNullOrWhiteSpace(options.Formula))
            {
                FitnessExpression<double>.Compile(nameof(FitnessOptions.Formula), options.Formula);
            }
        }
        catch (InvalidFitnessExpressionException ex)
        {
            errors.Add($"{FitnessOptions.SectionName}: {ex.Message}");
        }

        try
        {
            if (!string.IsNullOrWhiteSpace(options.CandidateFilter))
            {
                FitnessExpression<bool>.Compile(nameof(FitnessOptions.CandidateFilter), options.CandidateFilter);
            }
        }
        catch (InvalidFitnessExpressionException ex)
        {
            errors.Add($"{FitnessOptions.SectionName}: {ex.Message}");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
