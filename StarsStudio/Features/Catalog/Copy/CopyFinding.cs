namespace StarsStudio.Features.Catalog.Copy;

/// <summary>One thing the copy coach noticed about one field.</summary>
/// <param name="Field">One of <see cref="CopyField"/>.</param>
/// <param name="Code">One of <see cref="CopyCodes"/>; stable, for tests and analytics.</param>
/// <param name="Why">Plain words a non-technical creator understands.</param>
/// <param name="Suggestion">A better line, or concrete advice when no full line can be written.</param>
/// <param name="IsReplacement">True when <paramref name="Suggestion"/> can replace the field's text as-is.</param>
/// <param name="Language">The translation the finding is about; null = the default-language text.</param>
public sealed record CopyFinding(
    string Field,
    FindingSeverity Severity,
    string Code,
    string Why,
    string Suggestion,
    bool IsReplacement = false,
    string? Language = null);
