using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using StarsStudio.Components.Shared;

namespace StarsStudio.Tests.Components.Shared;

public sealed class LanguageSwitcherTests : BunitContext, IAsyncLifetime
{
    public LanguageSwitcherTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    public Task InitializeAsync() => Task.CompletedTask;
    async Task IAsyncLifetime.DisposeAsync() => await base.DisposeAsync();

    private static readonly Dictionary<string, int> Missing = new() { ["ru"] = 0, ["es"] = 2 };

    private IRenderedComponent<LanguageSwitcher> RenderSwitcher(string defaultLanguage, string selected, Action<string>? picked = null) =>
        Render<LanguageSwitcher>(p => p
            .Add(x => x.DefaultLanguage, defaultLanguage)
            .Add(x => x.Selected, selected)
            .Add(x => x.Fields, 4)
            .Add(x => x.Missing, code => Missing.GetValueOrDefault(code, 4))
            .Add(x => x.SelectedChanged, code => picked?.Invoke(code)));

    private static string Chip(IRenderedComponent<LanguageSwitcher> cut, string code) => cut.Find($"#lang-{code}").TextContent.Trim();

    [Fact]
    public void Render_DefaultFirstThenEachLanguageWithWhatIsMissing()
    {
        var cut = RenderSwitcher("en", "en");

        var chips = cut.FindAll("[role=tab]");
        Assert.Equal(9, chips.Count);
        Assert.Equal("en", chips[0].GetAttribute("data-language"));
        Assert.Equal("English · default", Chip(cut, "en"));
        Assert.Equal("Russian ✓", Chip(cut, "ru"));
        Assert.Equal("Spanish · 2 missing", Chip(cut, "es"));
        Assert.Equal("German · not translated", Chip(cut, "de"));
        Assert.Equal("2", cut.Find("#lang-es").GetAttribute("data-missing"));
    }

    [Fact]
    public void Render_CreatorWritesInRussian_RussianIsTheDefaultAndListedFirst()
    {
        var cut = RenderSwitcher("ru", "ru");

        Assert.Equal("ru", cut.FindAll("[role=tab]")[0].GetAttribute("data-language"));
        Assert.Equal("Russian · default", Chip(cut, "ru"));
        Assert.Equal("English · not translated", Chip(cut, "en"));
    }

    [Fact]
    public void Click_AnotherLanguage_ReportsItAndTheHintSaysWhatBlankMeans()
    {
        string? picked = null;
        var cut = RenderSwitcher("en", "en", code => picked = code);
        Assert.Empty(cut.FindAll("#lang-hint"));

        cut.Find("#lang-fa").Click();
        Assert.Equal("fa", picked);

        var persian = RenderSwitcher("en", "fa");
        Assert.Equal("true", persian.Find("#lang-fa").GetAttribute("aria-selected"));
        Assert.Contains("Blank fields fall back to your English text", persian.Find("#lang-hint").TextContent);
    }
}
