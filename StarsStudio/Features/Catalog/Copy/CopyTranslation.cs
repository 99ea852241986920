namespace StarsStudio.Features.Catalog.Copy;

/// <summary>One language's translated copy of an action; a blank field falls back to the default text (checked as such).</summary>
public sealed record CopyTranslation(string Language, string? Title, string? Description, string? Promise)
{
    public bool HasText => !string.IsNullOrWhiteSpace(Title) || !string.IsNullOrWhiteSpace(Description) || !string.IsNullOrWhiteSpace(Promise);
}
