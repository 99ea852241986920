namespace StarsStudio.Features.Catalog;

/// <summary>
/// The creator's words of one action in one more language (issue #16). Part of <see cref="ActionTerms"/>, so an
/// order is delivered in the words of the version it was sold under. A blank field falls back to the default
/// language's text (the terms' own fields).
/// </summary>
public sealed record ActionTranslation
{
    /// <summary>A shipped language code (<see cref="Languages.BuyerLanguages"/>), never the creator's default.</summary>
    public string Language { get; init; } = "";
    public string? Title { get; init; }
    public string? Promise { get; init; }
    public string? Description { get; init; }
    public string? TextContent { get; init; }
    public string? CommandReply { get; init; }
    public string? Template { get; init; }
}
