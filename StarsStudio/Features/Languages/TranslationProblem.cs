namespace StarsStudio.Features.Languages;

/// <summary>Why one translated field cannot be saved; shown next to that field, and named by language when saving fails.</summary>
/// <param name="Field">The editor's name of the field (e.g. "Title", "WelcomeText").</param>
public sealed record TranslationProblem(string Language, string Field, string Message)
{
    public override string ToString() => $"{BuyerLanguages.Find(Language)?.EnglishName ?? Language}: {Message}";
}
