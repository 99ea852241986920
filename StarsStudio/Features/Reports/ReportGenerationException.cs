using System.Globalization;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Values;

namespace StarsStudio.Features.Reports;

/// <summary>Generating a report failed in a way retrying cannot fix (the template or its output): support must act.</summary>
public sealed class ReportGenerationException(string message) : Exception(message);
