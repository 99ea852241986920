using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace StarsStudio.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StarLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LedgerCursors",
                columns: table => new
                {
                    BotId = table.Column<long>(type: "bigint", nullable: false),
                    NextOffset = table.Column<int>(type: "integer", nullable: false),
                    LastReadAt = table.Column<long>(type: "bigint", nullable: true),
                    CompleteAt = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerCursors", x => x.BotId);
                });

            migrationBuilder.CreateTable(
                name: "LedgerEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BotId = table.Column<long>(type: "bigint", nullable: false),
                    TransactionId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Outgoing = table.Column<bool>(type: "boolean", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    PartnerType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    TransactionType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CounterpartyId = table.Column<long>(type: "bigint", nullable: true),
                    Counterparty = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Amount = table.Column<long>(type: "bigint", nullable: false),
                    NanostarAmount = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<long>(type: "bigint", nullable: false),
                    InvoicePayload = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    RequestCount = table.Column<int>(type: "integer", nullable: true),
                    Note = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    ReminderId = table.Column<int>(type: "integer", nullable: true),
                    ReadAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OrderMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrderId = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ChatId = table.Column<long>(type: "bigint", nullable: false),
                    Excerpt = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    TelegramMessageId = table.Column<int>(type: "integer", nullable: true),
                    Error = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrderMessages", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_BotId_At",
                table: "LedgerEntries",
                columns: new[] { "BotId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_BotId_Kind_At",
                table: "LedgerEntries",
                columns: new[] { "BotId", "Kind", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_BotId_TransactionId_Outgoing",
                table: "LedgerEntries",
                columns: new[] { "BotId", "TransactionId", "Outgoing" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_ReminderId",
                table: "LedgerEntries",
                column: "ReminderId");

            migrationBuilder.CreateIndex(
                name: "IX_OrderMessages_OrderId_At",
                table: "OrderMessages",
                columns: new[] { "OrderId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LedgerCursors");

            migrationBuilder.DropTable(
                name: "LedgerEntries");

            migrationBuilder.DropTable(
                name: "OrderMessages");
        }
    }
}
