using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StarsStudio.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReminderRecipientLease : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ClaimToken",
                table: "ReminderRecipients",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LeaseUntil",
                table: "ReminderRecipients",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReminderRecipients_Status_LeaseUntil",
                table: "ReminderRecipients",
                columns: new[] { "Status", "LeaseUntil" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReminderRecipients_Status_LeaseUntil",
                table: "ReminderRecipients");

            migrationBuilder.DropColumn(
                name: "ClaimToken",
                table: "ReminderRecipients");

            migrationBuilder.DropColumn(
                name: "LeaseUntil",
                table: "ReminderRecipients");
        }
    }
}
