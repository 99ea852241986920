using StarsStudio.Features.Catalog;

namespace StarsStudio.Tests.Features.Catalog;

public sealed class TextHelpersTests
{
    [Theory]
    [InlineData("Marathon plan PDF", "marathon-plan-pdf")]
    [InlineData("  Crème brûlée guide!! ", "creme-brulee-guide")]
    [InlineData("AI", "ai-action")]
    public void Slugs_From_MakesTelegramSafeLinkNames(string name, string slug)
    {
        Assert.Equal(slug, Slugs.From(name));
        Assert.Matches("^[a-z0-9_-]{3,64}$", Slugs.From(name));
    }

    [Fact]
    public void TelegramHtml_Preview_KeepsTelegramTagsAndNeutralisesEverythingElse()
    {
        var html = TelegramHtml.ToSafePreview("<b>Bold</b> <script>alert(1)</script> <a href=\"https://x.test\">link</a> <img src=x onerror=alert(1)>");
        Assert.Contains("<b>Bold</b>", html);
        Assert.Contains("<a href=\"https://x.test\"", html);
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;script&gt;", html);
    }
}
