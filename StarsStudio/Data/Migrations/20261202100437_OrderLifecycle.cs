using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StarsStudio.Data.Migrations
{
    /// <inheritdoc />
    public partial class OrderLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_DeliveryJobs_OrderId",
                table: "DeliveryJobs");

            migrationBuilder.AddColumn<long>(
                name: "BotId",
                table: "ReconciliationFindings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "RefundClaimUntil",
                table: "Payments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "BotId",
                table: "DeliveryJobs",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<Guid>(
                name: "ClaimToken",
                table: "DeliveryJobs",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LeaseUntil",
                table: "DeliveryJobs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReconciliationFindings_BotId_ResolvedAt",
                table: "ReconciliationFindings",
                columns: new[] { "BotId", "ResolvedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_BotId_ActionId_Status",
                table: "Orders",
                columns: new[] { "BotId", "ActionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_DeliveryJobs_BotId_Status_NextAttemptAt",
                table: "DeliveryJobs",
                columns: new[] { "BotId", "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DeliveryJobs_ClaimToken",
                table: "DeliveryJobs",
                column: "ClaimToken");

            migrationBuilder.CreateIndex(
                name: "IX_DeliveryJobs_OrderId_Active",
                table: "DeliveryJobs",
                column: "OrderId",
                unique: true,
                filter: "\"Status\" IN ('Pending', 'Running')");

            migrationBuilder.CreateIndex(
                name: "IX_DeliveryJobs_OrderId_Status",
                table: "DeliveryJobs",
                columns: new[] { "OrderId", "Status" });

            // Jobs and findings belong to the bot of their order / payment (practice and live never mix).
            migrationBuilder.Sql("UPDATE \"DeliveryJobs\" SET \"BotId\" = (SELECT o.\"BotId\" FROM \"Orders\" o WHERE o.\"Id\" = \"DeliveryJobs\".\"OrderId\")");
            migrationBuilder.Sql("UPDATE \"ReconciliationFindings\" SET \"BotId\" = COALESCE((SELECT p.\"BotId\" FROM \"Payments\" p WHERE p.\"ChargeId\" = \"ReconciliationFindings\".\"ChargeId\"), 0)");
            // Timeline kinds became typed: the one free-text kind used for both outcomes is split by its text.
            migrationBuilder.Sql("UPDATE \"OrderEvents\" SET \"Kind\" = CASE WHEN \"Detail\" LIKE 'Approved%' THEN 'pre-checkout-approved' ELSE 'pre-checkout-refused' END WHERE \"Kind\" = 'pre-checkout'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReconciliationFindings_BotId_ResolvedAt",
                table: "ReconciliationFindings");

            migrationBuilder.DropIndex(
                name: "IX_Orders_BotId_ActionId_Status",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_DeliveryJobs_BotId_Status_NextAttemptAt",
                table: "DeliveryJobs");

            migrationBuilder.DropIndex(
                name: "IX_DeliveryJobs_ClaimToken",
                table: "DeliveryJobs");

            migrationBuilder.DropIndex(
                name: "IX_DeliveryJobs_OrderId_Active",
                table: "DeliveryJobs");

            migrationBuilder.DropIndex(
                name: "IX_DeliveryJobs_OrderId_Status",
                table: "DeliveryJobs");

            migrationBuilder.DropColumn(
                name: "BotId",
                table: "ReconciliationFindings");

            migrationBuilder.DropColumn(
                name: "RefundClaimUntil",
                table: "Payments");

            migrationBuilder.DropColumn(
                name: "BotId",
                table: "DeliveryJobs");

            migrationBuilder.DropColumn(
                name: "ClaimToken",
                table: "DeliveryJobs");

            migrationBuilder.DropColumn(
                name: "LeaseUntil",
                table: "DeliveryJobs");

            migrationBuilder.CreateIndex(
                name: "IX_DeliveryJobs_OrderId",
                table: "DeliveryJobs",
                column: "OrderId");
        }
    }
}
