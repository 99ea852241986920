using System.ComponentModel.DataAnnotations;
using StarsStudio.Features.Catalog;

namespace StarsStudio.Features.Reports;

/// <summary>One question as the editor edits it; options are typed one per line.</summary>
public sealed class QuestionForm
{
    public string Key { get; set; } = "";
    public string Prompt { get; set; } = "";
    public QuestionType Type { get; set; } = QuestionType.Text;
    public string OptionsText { get; set; } = "";
    public bool Required { get; set; } = true;
    public int MaxLength { get; set; } = 200;

    public ReportQuestion ToQuestion() => new()
    {
        Key = Key.Trim(), Prompt = Prompt.Trim(), Type = Type, Required = Required,
        Options = Type == QuestionType.Choice ? new ValueList<string>(OptionsText.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) : [],
        MaxLength = Type == QuestionType.Text ? MaxLength : 0,
    };

    public static QuestionForm From(ReportQuestion q) => new()
    {
        Key = q.Key, Prompt = q.Prompt, Type = q.Type, OptionsText = string.Join("\n", q.Options), Required = q.Required, MaxLength = q.MaxLength is > 0 ? q.MaxLength : 200,
    };
}
