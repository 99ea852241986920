using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace StarsStudio.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class BuyerLanguages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Translations",
                table: "Reminders",
                type: "text",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "BuyerLanguage",
                table: "Orders",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DefaultLanguage",
                table: "BotSettings",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "en");

            migrationBuilder.AddColumn<string>(
                name: "TextTranslations",
                table: "BotSettings",
                type: "text",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.UpdateData(
                table: "BotSettings",
                keyColumn: "Id",
                keyValue: 1,
                columns: new[] { "DefaultLanguage", "TextTranslations" },
                values: new object[] { "en", "[]" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Translations",
                table: "Reminders");

            migrationBuilder.DropColumn(
                name: "BuyerLanguage",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "DefaultLanguage",
                table: "BotSettings");

            migrationBuilder.DropColumn(
                name: "TextTranslations",
                table: "BotSettings");
        }
    }
}
