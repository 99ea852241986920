using System.Globalization;
using System.Text.RegularExpressions;

namespace StarsStudio.Features.Reports;

public sealed record AnswerCheck(bool Ok, string Value, string? Problem)
{
    public static AnswerCheck Yes(string value) => new(true, value, null);
    public static AnswerCheck No(string problem) => new(false, "", problem);
}
