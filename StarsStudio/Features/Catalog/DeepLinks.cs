namespace StarsStudio.Features.Catalog;

/// <summary>t.me deep links that open the bot at one action (/start &lt;slug&gt;).</summary>
public static class DeepLinks
{
    public static string For(string? botUsername, string slug) => $"https://t.me/{botUsername ?? "your_bot"}?start={slug}";
}
