using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Buyers;

internal sealed class BuyerConfiguration : IEntityTypeConfiguration<Buyer>
{
    public void Configure(EntityTypeBuilder<Buyer> b)
    {
        b.HasKey(x => new { x.BotId, x.TelegramUserId });
        b.HasIndex(x => new { x.BotId, x.UsernameKey });
        b.Property(x => x.FirstName).HasMaxLength(128);
        b.Property(x => x.Username).HasMaxLength(64);
        b.Property(x => x.UsernameKey).HasMaxLength(64);
        b.Property(x => x.LanguageCode).HasMaxLength(16);
    }
}
