using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StarsStudio.Data.Migrations
{
    /// <inheritdoc />
    public partial class SupportDesk : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReconciliationFindings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ChargeId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    BuyerId = table.Column<long>(type: "INTEGER", nullable: true),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    InvoicePayload = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    TransactionAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FoundAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ResolvedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Detail = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReconciliationFindings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SupportPrompts",
                columns: table => new
                {
                    BotId = table.Column<long>(type: "INTEGER", nullable: false),
                    BuyerId = table.Column<long>(type: "INTEGER", nullable: false),
                    OrderId = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupportPrompts", x => new { x.BotId, x.BuyerId });
                });

            migrationBuilder.CreateTable(
                name: "SupportRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BotId = table.Column<long>(type: "INTEGER", nullable: false),
                    BuyerId = table.Column<long>(type: "INTEGER", nullable: false),
                    OrderId = table.Column<long>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 12, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ClosedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupportRequests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SupportMessages",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RequestId = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    FromStaff = table.Column<bool>(type: "INTEGER", nullable: false),
                    Author = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SupportMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SupportMessages_SupportRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "SupportRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Payments_ReceivedAt",
                table: "Payments",
                column: "ReceivedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Payments_RefundedAt",
                table: "Payments",
                column: "RefundedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_BuyerId_CreatedAt",
                table: "Orders",
                columns: new[] { "BuyerId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_Resolved_Status",
                table: "Orders",
                columns: new[] { "Resolved", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ReconciliationFindings_Kind_ChargeId",
                table: "ReconciliationFindings",
                columns: new[] { "Kind", "ChargeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReconciliationFindings_ResolvedAt",
                table: "ReconciliationFindings",
                column: "ResolvedAt");

            migrationBuilder.CreateIndex(
                name: "IX_SupportMessages_RequestId_At",
                table: "SupportMessages",
                columns: new[] { "RequestId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_SupportRequests_BotId_BuyerId",
                table: "SupportRequests",
                columns: new[] { "BotId", "BuyerId" });

            migrationBuilder.CreateIndex(
                name: "IX_SupportRequests_OrderId",
                table: "SupportRequests",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_SupportRequests_Status_CreatedAt",
                table: "SupportRequests",
                columns: new[] { "Status", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReconciliationFindings");

            migrationBuilder.DropTable(
                name: "SupportMessages");

            migrationBuilder.DropTable(
                name: "SupportPrompts");

            migrationBuilder.DropTable(
                name: "SupportRequests");

            migrationBuilder.DropIndex(
                name: "IX_Payments_ReceivedAt",
                table: "Payments");

            migrationBuilder.DropIndex(
                name: "IX_Payments_RefundedAt",
                table: "Payments");

            migrationBuilder.DropIndex(
                name: "IX_Orders_BuyerId_CreatedAt",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_Orders_Resolved_Status",
                table: "Orders");
        }
    }
}
