namespace StarsStudio.Features.Reminders;

/// <summary>A reminder's text in one more language: each recipient gets their language's version, else the default.</summary>
public sealed record ReminderTranslation
{
    public string Language { get; init; } = "";
    public string Text { get; init; } = "";
}
