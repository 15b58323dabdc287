using AsiArch.Sdk.Composition;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsiArch.Sdk.Review;

/// <summary>Adds human review of proposals: <c>builder.UseOfflineAgents().UseHumanReview(o => o.Folder = "review")</c>.</summary>
public static class HumanReviewBuilderExtensions
{
    /// <summary>Configuration area of <see cref="HumanReviewOptions"/> (<c>AsiArch:Review</c>).</summary>
    public const string Area = "Review";

    /// <summary>
    /// Wraps the registered researcher in a <see cref="HumanReviewResearcher"/> with options bound from
    /// <c>AsiArch:Review</c> and changed by <paramref name="configure"/>. Call it after choosing the researcher.
    /// </summary>
    /// <exception cref="InvalidOperationException">No researcher is registered yet.</exception>
    public static AsiArchBuilder UseHumanReview(this AsiArchBuilder builder, Action<HumanReviewOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.AddOptions<HumanReviewOptions>(Area, o =>
        {
            try
            {
                o.Validate();
                return null;
            }
            catch (ArgumentException ex)
            {
                return ex.Message;
            }
        });
        if (configure is not null)
        {
            options.Configure(configure);
        }

        return builder.DecorateResearcher((inner, sp) => new HumanReviewResearcher(
            inner,
            sp.GetRequiredService<IOptions<HumanReviewOptions>>().Value,
            sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<HumanReviewResearcher>>()));
    }

    /// <summary>Adds a <see cref="HumanReviewResearcher"/> stage to a researcher pipeline.</summary>
    public static ResearcherBuilder UseHumanReview(this ResearcherBuilder builder, HumanReviewOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        return builder.Use((inner, sp) => new HumanReviewResearcher(
            inner,
            options,
            timeProvider ?? sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<HumanReviewResearcher>>()));
    }
}
