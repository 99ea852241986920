using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Catalog;

internal sealed class PaidActionConfiguration : IEntityTypeConfiguration<PaidAction>, IEntityTypeConfiguration<PaidActionVersion>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<PaidAction> b)
    {
        b.HasIndex(a => a.Slug).IsUnique();
        b.HasIndex(a => a.Status);
        b.Property(a => a.Name).HasMaxLength(100);
        b.Property(a => a.Slug).HasMaxLength(64);
        b.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        TermsColumn(b.Property(a => a.Terms));
    }

    public void Configure(EntityTypeBuilder<PaidActionVersion> b)
    {
        b.HasKey(v => new { v.ActionId, v.Version });
        TermsColumn(b.Property(v => v.Terms));
    }

    private static void TermsColumn(PropertyBuilder<ActionTerms> property) =>
        property.HasConversion(
            t => JsonSerializer.Serialize(t, Json),
            s => JsonSerializer.Deserialize<ActionTerms>(s, Json) ?? new ActionTerms(),
            new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<ActionTerms>((a, b) => a == b, t => t.GetHashCode(), t => t));
}
