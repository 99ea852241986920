using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StarsStudio.Data.Migrations
{
    /// <inheritdoc />
    public partial class DeepLinkOpensInvoice : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing actions get the new default too: a deep link answers with the invoice unless the creator
            // chooses the card (actions with questions keep the card regardless; see PaidAction.OpensWithInvoice).
            migrationBuilder.AddColumn<bool>(
                name: "DeepLinkOpensInvoice",
                table: "PaidActions",
                type: "INTEGER",
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
