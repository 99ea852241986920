using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StarsStudio.Features.Practice.Data.Migrations
{
    /// <inheritdoc />
    public partial class PracticeLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "NanostarAmount",
                table: "Transactions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "PartnerJson",
                table: "Transactions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PartnerType",
                table: "Transactions",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "RequestCount",
                table: "Transactions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TransactionType",
                table: "Transactions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "StarBalanceExtraNanostars",
                table: "Bots",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "NanostarAmount",
                table: "Transactions");

            migrationBuilder.DropColumn(
                name: "PartnerJson",
                table: "Transactions");

            migrationBuilder.DropColumn(
                name: "PartnerType",
                table: "Transactions");

            migrationBuilder.DropColumn(
                name: "RequestCount",
                table: "Transactions");

            migrationBuilder.DropColumn(
                name: "TransactionType",
                table: "Transactions");

            migrationBuilder.DropColumn(
                name: "StarBalanceExtraNanostars",
                table: "Bots");
        }
    }
}
