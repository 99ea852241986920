using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StarsStudio.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DeepLinkOpensInvoice : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // As on SQLite: existing actions get the new default too (a deep link answers with the invoice).
            migrationBuilder.AddColumn<bool>(
                name: "DeepLinkOpensInvoice",
                table: "PaidActions",
                type: "boolean",
                nullable: false,
                defaultValue: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DeepLinkOpensInvoice",
                table: "PaidActions");
        }
    }
}
