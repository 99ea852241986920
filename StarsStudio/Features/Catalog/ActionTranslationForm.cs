namespace StarsStudio.Features.Catalog;

/// <summary>
/// The editor's copy of one <see cref="ActionTranslation"/>: settable, so fields bind to it. Blank = the default
/// language's text.
/// </summary>
public sealed class ActionTranslationForm
{
    public string Language { get; set; } = "";
    public string? Title { get; set; }
    public string? Promise { get; set; }
    public string? Description { get; set; }
    public string? TextContent { get; set; }
    public string? CommandReply { get; set; }
    public string? Template { get; set; }

    /// <summary>The value of one of <see cref="PaidActionForm.TranslatableFields"/>.</summary>
    public string? this[string field]
    {
        get => field switch
        {
            nameof(Title) => Title, nameof(Promise) => Promise, nameof(Description) => Description,
            nameof(TextContent) => TextContent, nameof(CommandReply) => CommandReply, nameof(Template) => Template,
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Not a translatable field."),
        };
        set
        {
            switch (field)
            {
                case nameof(Title): Title = value; break;
                case nameof(Promise): Promise = value; break;
                case nameof(Description): Description = value; break;
                case nameof(TextContent): TextContent = value; break;
                case nameof(CommandReply): CommandReply = value; break;
                case nameof(Template): Template = value; break;
                default: throw new ArgumentOutOfRangeException(nameof(field), field, "Not a translatable field.");
            }
        }
    }

    public static ActionTranslationForm From(ActionTranslation t) => new()
    {
        Language = t.Language, Title = t.Title, Promise = t.Promise, Description = t.Description,
        TextContent = t.TextContent, CommandReply = t.CommandReply, Template = t.Template,
    };

    /// <summary>Only the fields the action's kind uses, trimmed; null when nothing is written (no empty translations stored).</summary>
    public ActionTranslation? ToTranslation(IReadOnlyCollection<string> fields)
    {
        string? Keep(string field) => fields.Contains(field) && !string.IsNullOrWhiteSpace(this[field]) ? this[field]!.Trim() : null;
        var t = new ActionTranslation
        {
            Language = Language, Title = Keep(nameof(Title)), Promise = Keep(nameof(Promise)), Description = Keep(nameof(Description)),
            TextContent = Keep(nameof(TextContent)), CommandReply = Keep(nameof(CommandReply)), Template = Keep(nameof(Template)),
        };
        return t is { Title: null, Promise: null, Description: null, TextContent: null, CommandReply: null, Template: null } ? null : t;
    }
}
