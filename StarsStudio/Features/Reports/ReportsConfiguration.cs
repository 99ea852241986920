using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Reports;

internal sealed class ReportsConfiguration : IEntityTypeConfiguration<OrderInput>, IEntityTypeConfiguration<QuestionSession>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public void Configure(EntityTypeBuilder<OrderInput> b)
    {
        b.HasKey(i => i.OrderId);
        b.HasOne<Payments.Order>().WithOne().HasForeignKey<OrderInput>(i => i.OrderId).OnDelete(DeleteBehavior.Cascade);
        AnswersColumn(b.Property(i => i.Answers));
    }

    public void Configure(EntityTypeBuilder<QuestionSession> b)
    {
        b.HasIndex(s => new { s.BotId, s.BuyerId }).IsUnique();
        AnswersColumn(b.Property(s => s.Answers));
    }

    private static void AnswersColumn(PropertyBuilder<Dictionary<string, string>> property) =>
        property.HasConversion(
            d => JsonSerializer.Serialize(d, Json),
            s => JsonSerializer.Deserialize<Dictionary<string, string>>(s, Json) ?? new Dictionary<string, string>(),
            new Microsoft.EntityFrameworkCore.ChangeTracking.ValueComparer<Dictionary<string, string>>(
                (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
                d => d.Aggregate(0, (h, kv) => HashCode.Combine(h, kv.Key, kv.Value)),
                d => new Dictionary<string, string>(d)));
}
