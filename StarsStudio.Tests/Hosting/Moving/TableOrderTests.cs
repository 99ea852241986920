using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using StarsStudio.Data;
using StarsStudio.Features.Payments;
using StarsStudio.Hosting.Moving;

namespace StarsStudio.Tests.Hosting.Moving;

public sealed class TableOrderTests
{
    private static PostgresStarsDbContext PostgresModel() => new(new DbContextOptionsBuilder<PostgresStarsDbContext>()
        .UseNpgsql("Host=localhost;Database=unused")
        .Apply().Options);

    [Fact]
    public void Of_PostgresModel_PutsEveryPrincipalBeforeTheSetsThatReferToIt()
    {
        using var db = PostgresModel();
        var order = TableOrder.Of(db.Model).ToList();

        foreach (var set in order)
            foreach (var fk in set.GetForeignKeys().Where(fk => fk.PrincipalEntityType != set))
                Assert.True(order.IndexOf(fk.PrincipalEntityType) < order.IndexOf(set),
                    $"{fk.PrincipalEntityType.GetTableName()} must come before {set.GetTableName()}");
        Assert.True(order.FindIndex(t => t.ClrType == typeof(Order)) < order.FindIndex(t => t.ClrType == typeof(OrderEvent)));
    }

    [Fact]
    public void Of_PostgresModel_HasEverySqliteSetOnceAndTheKeyRing()
    {
        using var postgres = PostgresModel();
        using var sqlite = SqliteInstallFiles.Open(Path.GetTempPath());
        var tables = TableOrder.Of(postgres.Model).Select(t => t.GetTableName()).ToList();

        Assert.Equal(tables.Count, tables.Distinct().Count());
        Assert.Equal(TableOrder.Of(sqlite.Model).Select(t => t.GetTableName()).Order().Append("DataProtectionKeys").Order(), tables.Order());
        Assert.Contains(TableOrder.Of(postgres.Model), t => t.ClrType == typeof(DataProtectionKey));
        // Owned types (the passkey's JSON data) travel with their owner's table.
        Assert.Contains("AspNetUserPasskeys", tables);
    }
}
