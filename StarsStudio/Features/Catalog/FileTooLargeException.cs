using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using StarsStudio.Data;
using StarsStudio.Hosting;

namespace StarsStudio.Features.Catalog;

public sealed class FileTooLargeException() : Exception($"Files can be at most {FileStore.MaxBytes / 1024 / 1024} MB (Telegram's limit for bots).");
