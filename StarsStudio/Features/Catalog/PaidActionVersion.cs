using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Catalog;

/// <summary>An immutable snapshot of an action's terms; orders deliver exactly the version they were sold under.</summary>
public sealed class PaidActionVersion
{
    public int ActionId { get; set; }
    public int Version { get; set; }
    public ActionTerms Terms { get; set; } = new();
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
}
