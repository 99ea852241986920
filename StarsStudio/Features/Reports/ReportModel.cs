using System.Globalization;
using System.Text.RegularExpressions;
using Fluid;
using Fluid.Values;

namespace StarsStudio.Features.Reports;

/// <summary>What a template is rendered with: the buyer's answers plus a few facts about the order.</summary>
public sealed record ReportModel(IReadOnlyDictionary<string, string> Answers, IReadOnlyList<ReportQuestion> Questions,
    string OrderCode, string BuyerName, int Stars, DateTimeOffset Date, string Input = "");
