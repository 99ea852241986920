using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace StarsStudio.Features.Payments.Lifecycle;

/// <summary>One column of the order table: its model property and its quoted name (the same on SQLite and PostgreSQL).</summary>
internal sealed record OrderColumn(IProperty Property)
{
    public string Quoted { get; } = "\"" + Property.GetColumnName() + "\"";
}
