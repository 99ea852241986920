using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Reports;

/// <summary>The buyer's answers to a report's or service's questions, stored with the order they were given for.</summary>
public sealed class OrderInput
{
    public long OrderId { get; set; }
    public Dictionary<string, string> Answers { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
}
