using System.Globalization;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Values;

namespace StarsStudio.Features.Reports;

/// <summary>Where a template failed to parse, in the creator's terms (1-based line and column).</summary>
public sealed record TemplateError(int Line, int Column, string Message)
{
    public override string ToString() => $"Line {Line}, column {Column}: {Message}";
}
