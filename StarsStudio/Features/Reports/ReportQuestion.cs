using System.Globalization;
using System.Text.RegularExpressions;

namespace StarsStudio.Features.Reports;

/// <summary>One question the buyer answers before the invoice; stored inside the action's terms (JSON).</summary>
public sealed record ReportQuestion
{
    /// <summary>The placeholder name in the template, e.g. "name" for {{ name }}.</summary>
    public string Key { get; init; } = "";
    public string Prompt { get; init; } = "";
    public QuestionType Type { get; init; } = QuestionType.Text;
    public ValueList<string> Options { get; init; } = [];
    public bool Required { get; init; } = true;
    public int MaxLength { get; init; } = 200;

    public const int MaxQuestions = 10;
    public const int MaxAnswerLength = 1000;
    public const int MaxNumber = 1_000_000;

    /// <summary>
    /// Checks one answer. Returns the value to store (numbers in invariant form, choices as the option's own
    /// text, "" for a skipped optional answer) or the buyer-facing reason it was refused.
    /// </summary>
    /// <param name="w">The buyer's words for the reason (English without).</param>
    public AnswerCheck Check(string? input, Languages.Words? w = null)
    {
        w ??= Languages.BotWords.English;
        var text = (input ?? "").Trim();
        if (text.Length == 0 || text == "-")
            return Required ? AnswerCheck.No(w["answer.required"]) : AnswerCheck.Yes("");
        switch (Type)
        {
            case QuestionType.Number:
                var normal = text.Replace(" ", "").Replace(',', '.');
                if (!decimal.TryParse(normal, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
                    return AnswerCheck.No(w["answer.number"]);
                // Templates may loop over a number; a bound keeps one answer from costing minutes of CPU.
                if (Math.Abs(number) > MaxNumber) return AnswerCheck.No(w.T("answer.number_range", ("max", MaxNumber.ToString("N0", CultureInfo.InvariantCulture))));
                return AnswerCheck.Yes(number.ToString(CultureInfo.InvariantCulture));
            case QuestionType.Choice:
                var option = Options.FirstOrDefault(o => string.Equals(o, text, StringComparison.OrdinalIgnoreCase));
                return option is null ? AnswerCheck.No(w["answer.choice"]) : AnswerCheck.Yes(option);
            default:
                var limit = Math.Clamp(MaxLength, 1, MaxAnswerLength);
                return text.Length > limit
                    ? AnswerCheck.No(w.T("answer.too_long", ("length", text.Length), ("limit", limit)))
                    : AnswerCheck.Yes(text);
        }
    }

    /// <summary>A plausible answer, used to try the template at save time.</summary>
    public string SampleAnswer() => Type switch
    {
        QuestionType.Number => "1",
        QuestionType.Choice => Options.FirstOrDefault() ?? "",
        _ => "Sample " + Key,
    };
}
