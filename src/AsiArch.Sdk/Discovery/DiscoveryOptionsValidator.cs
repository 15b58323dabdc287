using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AsiArch.Sdk.Discovery;

/// <summary>Checks <see cref="DiscoveryOptions"/> beyond its data annotations.</summary>
public sealed class DiscoveryOptionsValidator : IValidateOptions<DiscoveryOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, DiscoveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = Errors(options).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>Throws when the options are invalid.</summary>
    /// <exception cref="ValidationException">The message lists every problem.</exception>
    public static void ThrowIfInvalid(DiscoveryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        var errors = results.Select(r => $"AsiArch:Loop: {r.ErrorMessage}").Concat(Errors(options)).ToList();
        if (errors.Count > 0)
        {
            throw new ValidationException(string.Join(" ", errors));
        }
    }

    private static IEnumerable<string> Errors(DiscoveryOptions o)
    {
        if (o.Seeds is null || o.Seeds.Count == 0 || o.Seeds.Any(string.IsNullOrWhiteSpace))
        {
            yield return "AsiArch:Loop:Seeds must name at least one seed architecture (ASI-ARCH: DeltaNet).";
        }

        if (o.ParentRanks > o.PoolSize)
        {
            yield return $"AsiArch:Loop:ParentRanks ({o.ParentRanks}) cannot exceed PoolSize ({o.PoolSize}).";
        }

        if (o.MaxWallTime is { } wall && wall <= TimeSpan.Zero)
        {
            yield return $"AsiArch:Loop:MaxWallTime must be positive, got {wall}.";
        }
    }
}
