using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace StarsStudio.Features.Settings;

internal sealed class BotSettingsConfiguration : IEntityTypeConfiguration<BotSettings>
{
    public void Configure(EntityTypeBuilder<BotSettings> b)
    {
        b.Property(s => s.Id).ValueGeneratedNever();
        b.HasData(new BotSettings());
    }
}
