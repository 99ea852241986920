using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StarsStudio.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OrderTransitionLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "TransitionLog",
                table: "Orders",
                type: "text",
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TransitionLog",
                table: "Orders");
        }
    }
}
