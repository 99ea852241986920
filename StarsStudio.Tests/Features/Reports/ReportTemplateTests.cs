using System.ComponentModel.DataAnnotations;
using StarsStudio.Features.Catalog;
using StarsStudio.Features.Reports;

namespace StarsStudio.Tests.Features.Reports;

public sealed class ReportTemplateTests
{
    public static string Fonts => Path.Combine(AppContext.BaseDirectory, "wwwroot-assets", "fonts");

    private static readonly ValueList<ReportQuestion> Questions =
    [
        new() { Key = "name", Prompt = "Your name?", MaxLength = 50 },
        new() { Key = "weeks", Prompt = "How many weeks?", Type = QuestionType.Number },
        new() { Key = "level", Prompt = "Your level?", Type = QuestionType.Choice, Options = ["Beginner", "Advanced"] },
    ];

    public const string Template = """
        # Plan for {{ name }}

        A **{{ weeks }}-week** plan, made for a *{{ level | downcase }}* runner.

        {% if level == "Beginner" %}
        Start slowly: walk breaks are fine.
        {% else %}
        Add intervals on Tuesdays.
        {% endif %}

        {% for i in (1..weeks) %}
        - Week {{ i }}: run {{ i | times: 2 }} km
        {% endfor %}
        """;

    private static ReportModel Model(Dictionary<string, string> answers) =>
        new(answers, Questions, "SS-TEST1", "Ann", 5, new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Render_AnswersAndLoops_PdfOpensAndContainsTheAnswers()
    {
        var markdown = ReportTemplate.Render(Template, Model(new() { ["name"] = "Zelda Quartz", ["weeks"] = "3", ["level"] = "Beginner" }));
        var pdf = PdfReportWriter.Write("Running plan", ReportMarkdown.Parse(markdown), Fonts);

        var (pages, text) = PdfText.Read(pdf);
        // For looking at the layout: REPORT_SAMPLE_DIR=/tmp/x dotnet test …, then pdftoppm.
        if (Environment.GetEnvironmentVariable("REPORT_SAMPLE_DIR") is { Length: > 0 } dir) File.WriteAllBytes(Path.Combine(dir, "sample-report.pdf"), pdf);

        Assert.Equal(1, pages);
        Assert.Contains("Zelda", text);
        Assert.Contains("Quartz", text);
        Assert.Contains("beginner", text);
        Assert.Contains("walk breaks", text);
        Assert.DoesNotContain("intervals", text);
        Assert.Contains("Week 3: run 6 km", text);
    }

    [Fact]
    public void Write_LongReport_WrapsAndPaginates()
    {
        var markdown = "# Long\n\n" + string.Join("\n\n", Enumerable.Range(1, 120).Select(i => $"Paragraph {i}: " + string.Join(' ', Enumerable.Repeat("words that wrap across the page", 6))));

        var (pages, text) = PdfText.Read(PdfReportWriter.Write("Long", ReportMarkdown.Parse(markdown), Fonts));

        Assert.True(pages > 3, $"expected several pages, got {pages}");
        Assert.Contains("Paragraph 120:", text);
        Assert.Contains($"{pages} / {pages}", text);
    }

    [Fact]
    public void Write_NonLatinText_StillProducesAReadablePdf()
    {
        var pdf = PdfReportWriter.Write("Отчёт", ReportMarkdown.Parse("# Привет, Анна\n\n- пункт **один**"), Fonts);

        var (pages, _) = PdfText.Read(pdf);

        Assert.Equal(1, pages);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5));
    }

    [Fact]
    public void Write_FontsMissing_RefusedWithAProblem()
    {
        var e = Assert.Throws<ReportGenerationException>(() => PdfReportWriter.Write("x", ReportMarkdown.Parse("hi"), "/nonexistent/fonts"));
        Assert.Contains("fonts are missing", e.Message);
    }

    [Fact]
    public void TryParse_UnclosedIf_ErrorHasLineAndColumn()
    {
        var ok = ReportTemplate.TryParse("# Hi {{ name }}\n\n{% if weeks > 2 %}\nLong plan\n", out _, out var error);

        Assert.False(ok);
        Assert.NotNull(error);
        Assert.True(error.Line >= 3, $"line {error.Line}: {error.Message}");
        Assert.True(error.Column >= 1);
        Assert.StartsWith($"Line {error.Line}, column {error.Column}:", error.ToString());
    }

    [Fact]
    public void TryParse_UnclosedPlaceholder_ErrorPointsAtItsLine()
    {
        var ok = ReportTemplate.TryParse("line one\nline two {{ name\nline three", out _, out var error);

        Assert.False(ok);
        Assert.Equal(2, error!.Line);
    }

    [Fact]
    public void Validate_ReportWithBrokenTemplate_ErrorIsOnTheTemplateFieldWithPosition()
    {
        var form = ReportForm();
        form.Template = "# Hi\n{% for w in (1..weeks) %}\n- {{ w }}\n";

        var results = new List<ValidationResult>();
        Validator.TryValidateObject(form, new ValidationContext(form), results, validateAllProperties: true);

        var templateError = Assert.Single(results, r => r.MemberNames.Contains(nameof(PaidActionForm.Template)));
        Assert.Matches(@"^Line \d+, column \d+: ", templateError.ErrorMessage);
    }

    [Fact]
    public void Validate_GoodReport_HasNoErrors()
    {
        var form = ReportForm();
        var results = new List<ValidationResult>();

        Assert.True(Validator.TryValidateObject(form, new ValidationContext(form), results, validateAllProperties: true), string.Join("; ", results.Select(r => r.ErrorMessage)));
    }

    [Fact]
    public void Validate_DuplicateKeysAndChoiceWithoutOptions_Refused()
    {
        var form = ReportForm();
        form.Questions.Add(new QuestionForm { Key = "name", Prompt = "Again?" });
        form.Questions.Add(new QuestionForm { Key = "pick", Prompt = "Pick", Type = QuestionType.Choice, OptionsText = "only" });

        var problems = ReportFormRules.Validate(form).Select(r => r.ErrorMessage).ToList();

        Assert.Contains(problems, p => p!.Contains("used twice"));
        Assert.Contains(problems, p => p!.Contains("at least 2 options"));
    }

    [Fact]
    public void Render_LoopDrivenByHugeAnswer_StopsWithGenerationError()
    {
        var e = Assert.Throws<ReportGenerationException>(() =>
            ReportTemplate.Render(Template, Model(new() { ["name"] = "A", ["weeks"] = "1000000", ["level"] = "Advanced" })));
        Assert.Contains("template", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Messages_Markdown_BecomesTelegramHtml()
    {
        var messages = TelegramReportText.Messages(ReportMarkdown.Parse("# Title & more\n\nSome **bold** and *italic*.\n\n- one\n- two"));

        var text = Assert.Single(messages);
        Assert.Contains("<b>Title &amp; more</b>", text);
        Assert.Contains("<b>bold</b>", text);
        Assert.Contains("<i>italic</i>", text);
        Assert.Contains("• one\n• two", text);
    }

    [Fact]
    public void Check_Answers_ValidatedPerType()
    {
        Assert.Equal("Please send a number, e.g. 42 or 3.5.", Questions[1].Check("many").Problem);
        Assert.Equal("12.5", Questions[1].Check("12,5").Value);
        Assert.Equal("Advanced", Questions[2].Check("advanced").Value);
        Assert.False(Questions[2].Check("Expert").Ok);
        Assert.Contains("keep it to 50", Questions[0].Check(new string('x', 51)).Problem);
        Assert.False(Questions[0].Check(" ").Ok);
        Assert.Contains("between", Questions[1].Check("2000000").Problem);
    }

    public static PaidActionForm ReportForm() => new()
    {
        Name = "Plan", Slug = "plan", Kind = ActionKind.Report, PriceStars = 5,
        Promise = "a running plan made for you, as a PDF", Title = "Running plan", Description = "A plan for your weeks and level.",
        Questions =
        [
            new QuestionForm { Key = "name", Prompt = "Your name?", MaxLength = 50 },
            new QuestionForm { Key = "weeks", Prompt = "How many weeks?", Type = QuestionType.Number },
            new QuestionForm { Key = "level", Prompt = "Your level?", Type = QuestionType.Choice, OptionsText = "Beginner\nAdvanced" },
        ],
        Template = Template, OutputPdf = true, ExpectedMinutes = 2,
    };
}
