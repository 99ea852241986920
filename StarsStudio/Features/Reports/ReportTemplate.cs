using System.Globalization;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Values;

namespace StarsStudio.Features.Reports;

/// <summary>
/// Report templates: Markdown with Liquid placeholders ({{ name }}), conditionals ({% if %}) and loops
/// ({% for %}), parsed with Fluid. Rendering yields Markdown, which <see cref="PdfReportWriter"/> and
/// <see cref="TelegramReportText"/> turn into a PDF or a Telegram message.
/// </summary>
public static partial class ReportTemplate
{
    /// <summary>Names the template always has; question keys may not use them.</summary>
    public static readonly HashSet<string> ReservedNames = ["order", "buyer", "answers", "questions", "date", "stars", "input", "forloop"];

    /// <summary>A runaway loop (e.g. over a number the buyer typed) stops here instead of eating the server.</summary>
    public const int MaxSteps = 200_000;
    public const int MaxOutputChars = 200_000;

    private static readonly FluidParser Parser = new();

    [GeneratedRegex(@"\((\d+):(\d+)\)")]
    private static partial Regex Position();

    public static bool TryParse(string? source, out IFluidTemplate? template, out TemplateError? error)
    {
        template = null;
        error = null;
        if (string.IsNullOrWhiteSpace(source))
        {
            error = new TemplateError(1, 1, "The template is empty.");
            return false;
        }
        if (Parser.TryParse(source, out template, out var message)) return true;
        var match = Position().Match(message ?? "");
        var (line, column) = match.Success ? (int.Parse(match.Groups[1].Value), int.Parse(match.Groups[2].Value)) : (1, 1);
        var text = match.Success ? message![..match.Index].Trim().TrimEnd(',', ':').Trim() : message ?? "The template could not be read.";
        if (text.EndsWith(" at", StringComparison.Ordinal)) text = text[..^3];
        error = new TemplateError(line, column, Explain(text));
        return false;
    }

    /// <summary>Fluid's words, with the usual cause added.</summary>
    private static string Explain(string message) =>
        message.Contains("end", StringComparison.OrdinalIgnoreCase) || message.Contains("expected", StringComparison.OrdinalIgnoreCase)
            ? $"{message} (is a tag like {{% if %}} or {{% for %}} missing its {{% endif %}} / {{% endfor %}}, or a {{{{ }}}} not closed?)"
            : message;

    /// <summary>Parses and renders; throws <see cref="ReportGenerationException"/> when either fails.</summary>
    public static string Render(string source, ReportModel model)
    {
        if (!TryParse(source, out var template, out var error)) throw new ReportGenerationException($"The template does not parse: {error}");
        var options = new TemplateOptions { MaxSteps = MaxSteps, MaxRecursion = 20, CultureInfo = CultureInfo.InvariantCulture };
        var context = new TemplateContext(options);
        var answers = new Dictionary<string, object>();
        foreach (var q in model.Questions)
        {
            var value = model.Answers.TryGetValue(q.Key, out var v) ? v : "";
            object typed = q.Type == QuestionType.Number && decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : value;
            answers[q.Key] = typed;
            context.SetValue(q.Key, FluidValue.Create(typed, options));
        }
        context.SetValue("answers", FluidValue.Create(answers, options));
        context.SetValue("questions", FluidValue.Create(model.Questions.Select(q => new Dictionary<string, object>
        {
            ["key"] = q.Key, ["prompt"] = q.Prompt, ["answer"] = model.Answers.TryGetValue(q.Key, out var a) ? a : "",
        }).ToList(), options));
        context.SetValue("order", FluidValue.Create(new Dictionary<string, object> { ["code"] = model.OrderCode, ["stars"] = model.Stars }, options));
        context.SetValue("buyer", FluidValue.Create(new Dictionary<string, object> { ["name"] = model.BuyerName }, options));
        context.SetValue("date", model.Date.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture));
        context.SetValue("stars", model.Stars);
        context.SetValue("input", model.Input);
        try
        {
            var output = template!.Render(context);
            if (output.Length > MaxOutputChars) throw new ReportGenerationException($"The report is {output.Length:N0} characters long; the limit is {MaxOutputChars:N0}.");
            return output;
        }
        catch (ReportGenerationException) { throw; }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException or OverflowException)
        {
            throw new ReportGenerationException($"The template failed while rendering: {e.Message}");
        }
    }

    /// <summary>Renders with sample answers, as a save-time check that the template runs at all.</summary>
    public static string? TryRenderSample(string source, IReadOnlyList<ReportQuestion> questions)
    {
        try
        {
            Render(source, new ReportModel(questions.DistinctBy(q => q.Key).ToDictionary(q => q.Key, q => q.SampleAnswer()), questions, "SS-SAMPLE", "Sample buyer", 1, DateTimeOffset.UtcNow));
            return null;
        }
        catch (ReportGenerationException e) { return e.Message; }
    }
}
