using System.Globalization;
using System.Text.RegularExpressions;

namespace StarsStudio.Features.Reports;

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
