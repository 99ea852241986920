using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StarsStudio.Data.Migrations
{
    /// <inheritdoc />
    public partial class SupportRemindersReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OrderInputs",
                columns: table => new
                {
                    OrderId = table.Column<long>(type: "INTEGER", nullable: false),
                    Answers = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrderInputs", x => x.OrderId);
                    table.ForeignKey(
                        name: "FK_OrderInputs_Orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "Orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QuestionSessions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BotId = table.Column<long>(type: "INTEGER", nullable: false),
                    BuyerId = table.Column<long>(type: "INTEGER", nullable: false),
                    ActionId = table.Column<int>(type: "INTEGER", nullable: false),
                    ActionVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Index = table.Column<int>(type: "INTEGER", nullable: false),
                    Answers = table.Column<string>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuestionSessions", x => x.Id);
                });

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
                name: "ReminderChannels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BotId = table.Column<long>(type: "INTEGER", nullable: false),
                    ChatId = table.Column<long>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Username = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    AddedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReminderChannels", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Reminders",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ActionId = table.Column<int>(type: "INTEGER", nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: false),
                    BuyButton = table.Column<bool>(type: "INTEGER", nullable: false),
                    SendAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Filter = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    FilterActionId = table.Column<int>(type: "INTEGER", nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    ChannelId = table.Column<int>(type: "INTEGER", nullable: true),
                    PaidBroadcast = table.Column<bool>(type: "INTEGER", nullable: false),
                    BotId = table.Column<long>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FinishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Problem = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Reminders", x => x.Id);
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
                name: "ReminderRecipients",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReminderId = table.Column<int>(type: "INTEGER", nullable: false),
                    ChatId = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstName = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    SentAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReminderRecipients", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReminderRecipients_Reminders_ReminderId",
                        column: x => x.ReminderId,
                        principalTable: "Reminders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
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
                name: "IX_QuestionSessions_BotId_BuyerId",
                table: "QuestionSessions",
                columns: new[] { "BotId", "BuyerId" },
                unique: true);

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
                name: "IX_ReminderChannels_BotId_ChatId",
                table: "ReminderChannels",
                columns: new[] { "BotId", "ChatId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReminderRecipients_ReminderId_ChatId",
                table: "ReminderRecipients",
                columns: new[] { "ReminderId", "ChatId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReminderRecipients_ReminderId_Status",
                table: "ReminderRecipients",
                columns: new[] { "ReminderId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_ActionId",
                table: "Reminders",
                column: "ActionId");

            migrationBuilder.CreateIndex(
                name: "IX_Reminders_Status_SendAt",
                table: "Reminders",
                columns: new[] { "Status", "SendAt" });

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
                name: "OrderInputs");

            migrationBuilder.DropTable(
                name: "QuestionSessions");

            migrationBuilder.DropTable(
                name: "ReconciliationFindings");

            migrationBuilder.DropTable(
                name: "ReminderChannels");

            migrationBuilder.DropTable(
                name: "ReminderRecipients");

            migrationBuilder.DropTable(
                name: "SupportMessages");

            migrationBuilder.DropTable(
                name: "SupportPrompts");

            migrationBuilder.DropTable(
                name: "Reminders");

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
