using AsiArch.Sdk.Composition;
using AsiArch.Sdk.Offline;
using AsiArch.Sdk.Review;
using AsiArch.Sdk.Testing.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace AsiArch.Sdk.Tests.Review;

public sealed class HumanReviewCompositionTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("asiarch-review-di-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void UseHumanReview_AfterOfflineAgents_WrapsTheEvolutionaryResearcher()
    {
        var services = new ServiceCollection();
        services.AddAsiArch().UseOfflineAgents().UseHumanReview(o => o.Folder = _root);
        using var provider = services.BuildServiceProvider();

        var researcher = provider.GetRequiredService<IResearcher>();

        Assert.IsType<HumanReviewResearcher>(researcher);
        Assert.NotNull(researcher.GetService(typeof(EvolutionaryResearcher)));
        Assert.True(Directory.Exists(Path.Combine(_root, "pending")));
    }

    [Fact]
    public void UseHumanReview_NoResearcherYet_ThrowsSayingWhatToDo()
    {
        var builder = new ServiceCollection().AddAsiArch();

        var error = Assert.Throws<InvalidOperationException>(() => builder.UseHumanReview(o => o.Folder = _root));

        Assert.Contains("UseResearcher", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DecorateResearcher_TwoDecorators_LastIsOutermost()
    {
        var inner = new FakeResearcher();
        var services = new ServiceCollection();
        services.AddAsiArch()
            .UseResearcher(inner)
            .UseHumanReview(o => o.Folder = _root)
            .DecorateResearcher((r, _) => new ResearcherBuilder(r).UseTimeout(TimeSpan.FromMinutes(1)).Build());
        using var provider = services.BuildServiceProvider();

        var researcher = provider.GetRequiredService<IResearcher>();

        Assert.IsNotType<HumanReviewResearcher>(researcher);
        Assert.NotNull(researcher.GetService(typeof(HumanReviewResearcher)));
        Assert.Same(inner, researcher.GetService(typeof(FakeResearcher)));
    }
}
