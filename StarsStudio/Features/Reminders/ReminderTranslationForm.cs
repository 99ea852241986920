namespace StarsStudio.Features.Reminders;

/// <summary>The editor's copy of one <see cref="ReminderTranslation"/>; blank = recipients of that language get the default text.</summary>
public sealed class ReminderTranslationForm
{
    public string Language { get; set; } = "";
    public string? Text { get; set; }
}
