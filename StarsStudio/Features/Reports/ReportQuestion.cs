using System.Globalization;
using System.Text.RegularExpressions;

namespace StarsStudio.Features.Reports;

/// <summary>Stored by name inside the terms JSON, so reordering the enum never changes old versions.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<QuestionType>))]
public enum QuestionType { Text, Number, Choice }

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
    public AnswerCheck Check(string? input)
    {
        var text = (input ?? "").Trim();
        if (text.Length == 0 || text == "-")
            return Required ? AnswerCheck.No("This question needs an answer.") : AnswerCheck.Yes("");
        switch (Type)
        {
            case QuestionType.Number:
                var normal = text.Replace(" ", "").Replace(',', '.');
                if (!decimal.TryParse(normal, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
                    return AnswerCheck.No("Please send a number, e.g. 42 or 3.5.");
                // Templates may loop over a number; a bound keeps one answer from costing minutes of CPU.
                if (Math.Abs(number) > MaxNumber) return AnswerCheck.No($"Please send a number between -{MaxNumber:N0} and {MaxNumber:N0}.");
                return AnswerCheck.Yes(number.ToString(CultureInfo.InvariantCulture));
            case QuestionType.Choice:
                var option = Options.FirstOrDefault(o => string.Equals(o, text, StringComparison.OrdinalIgnoreCase));
                return option is null ? AnswerCheck.No("Please tap one of the buttons.") : AnswerCheck.Yes(option);
            default:
                var limit = Math.Clamp(MaxLength, 1, MaxAnswerLength);
                return text.Length > limit
                    ? AnswerCheck.No($"That is {text.Length} characters; please keep it to {limit}.")
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

public sealed record AnswerCheck(bool Ok, string Value, string? Problem)
{
    public static AnswerCheck Yes(string value) => new(true, value, null);
    public static AnswerCheck No(string problem) => new(false, "", problem);
}

/// <summary>Rules for a set of questions, shared by the editor's validation and the save path.</summary>
public static partial class QuestionRules
{
    [GeneratedRegex("^[a-z][a-z0-9_]{0,31}$")]
    private static partial Regex KeyShape();

    public static IEnumerable<string> Problems(IReadOnlyList<ReportQuestion> questions)
    {
        if (questions.Count > ReportQuestion.MaxQuestions) yield return $"At most {ReportQuestion.MaxQuestions} questions.";
        var seen = new HashSet<string>();
        for (var i = 0; i < questions.Count; i++)
        {
            var q = questions[i];
            var n = i + 1;
            if (!KeyShape().IsMatch(q.Key)) yield return $"Question {n}: the key is 1–32 lower-case letters, digits or _, starting with a letter (it is the {{{{ placeholder }}}}).";
            else if (!seen.Add(q.Key)) yield return $"Question {n}: the key \"{q.Key}\" is used twice.";
            else if (ReportTemplate.ReservedNames.Contains(q.Key)) yield return $"Question {n}: \"{q.Key}\" is a built-in name; choose another key.";
            if (string.IsNullOrWhiteSpace(q.Prompt)) yield return $"Question {n}: write the question the buyer sees.";
            else if (q.Prompt.Length > 300) yield return $"Question {n}: keep the question under 300 characters.";
            if (q.Type == QuestionType.Choice)
            {
                var options = q.Options.Where(o => !string.IsNullOrWhiteSpace(o)).ToList();
                if (options.Count < 2) yield return $"Question {n}: a choice needs at least 2 options.";
                if (options.Count > 8) yield return $"Question {n}: at most 8 options.";
                if (options.Any(o => o.Length > 40)) yield return $"Question {n}: options are at most 40 characters (they are buttons).";
            }
            if (q.Type == QuestionType.Text && q.MaxLength is < 1 or > ReportQuestion.MaxAnswerLength)
                yield return $"Question {n}: the answer limit is 1 to {ReportQuestion.MaxAnswerLength} characters.";
        }
    }
}
