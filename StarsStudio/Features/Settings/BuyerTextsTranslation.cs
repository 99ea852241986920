namespace StarsStudio.Features.Settings;

/// <summary>The welcome, /paysupport, /terms and /privacy texts in one more language; blank = the default text.</summary>
public sealed record BuyerTextsTranslation
{
    public string Language { get; init; } = "";
    public string? Welcome { get; init; }
    public string? Support { get; init; }
    public string? Terms { get; init; }
    public string? Privacy { get; init; }
}
