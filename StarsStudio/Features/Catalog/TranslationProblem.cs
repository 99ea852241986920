namespace StarsStudio.Features.Catalog;

/// <summary>Why one translated field cannot be saved; shown next to that field, and named by language when saving fails.</summary>
/// <param name="Field">One of <see cref="PaidActionForm.TranslatableFields"/>.</param>
public sealed record TranslationProblem(string Language, string Field, string Message)
{
    public override string ToString() => $"{Languages.BuyerLanguages.Find(Language)?.EnglishName ?? Language}: {Message}";
}
