using System.ComponentModel.DataAnnotations;
using StarsStudio.Features.Catalog;

namespace StarsStudio.Features.Reports;

/// <summary>The editor's rules for report and service fields (and paid commands that run a template or service).</summary>
public static class ReportFormRules
{
    public static IEnumerable<ValidationResult> Validate(PaidActionForm form)
    {
        var questions = form.Questions.Select(q => q.ToQuestion()).ToList();
        switch (form.Kind)
        {
            case ActionKind.Report:
                foreach (var p in QuestionRules.Problems(questions)) yield return new(p, [nameof(PaidActionForm.Questions)]);
                if (TemplateProblem(form.Template, questions) is { } t) yield return new(t, [nameof(PaidActionForm.Template)]);
                if (!form.OutputPdf && !form.OutputMessage) yield return new("Choose at least one: a PDF, a message, or both.", [nameof(PaidActionForm.OutputPdf)]);
                if (form.ExpectedMinutes is null or < 1 or > 1440) yield return new("How long does it usually take? (1 to 1440 minutes)", [nameof(PaidActionForm.ExpectedMinutes)]);
                break;
            case ActionKind.Service:
                foreach (var p in QuestionRules.Problems(questions)) yield return new(p, [nameof(PaidActionForm.Questions)]);
                if (ServiceCaller.UrlProblem(form.ServiceUrl) is { } u) yield return new(u, [nameof(PaidActionForm.ServiceUrl)]);
                if (form.ExpectedMinutes is null or < 1 or > 1440) yield return new("How long does it usually take? (1 to 1440 minutes)", [nameof(PaidActionForm.ExpectedMinutes)]);
                break;
            case ActionKind.PaidCommand when form.CommandMode == CommandMode.Template:
                if (TemplateProblem(form.Template, []) is { } ct) yield return new(ct, [nameof(PaidActionForm.Template)]);
                break;
            case ActionKind.PaidCommand when form.CommandMode == CommandMode.Service:
                if (ServiceCaller.UrlProblem(form.ServiceUrl) is { } cu) yield return new(cu, [nameof(PaidActionForm.ServiceUrl)]);
                break;
        }
    }

    /// <summary>Null when the template parses and renders with sample answers; else where and why it does not.</summary>
    public static string? TemplateProblem(string? template, IReadOnlyList<ReportQuestion> questions)
    {
        if (!ReportTemplate.TryParse(template, out _, out var error)) return error!.ToString();
        return ReportTemplate.TryRenderSample(template!, questions);
    }
}
