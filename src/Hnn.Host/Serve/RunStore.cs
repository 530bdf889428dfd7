using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Hnn.Host.Serve;

/// <summary>A run as the index keeps it.</summary>
internal sealed record RunRow(
    string Id, string Kind, string Status, DateTimeOffset Created, DateTimeOffset? Started, DateTimeOffset? Finished,
    string Name, string Experiment, string? Error);

/// <summary>
/// The index of every run, in SQLite at DATA/runs.db (one table, one row per run); the files are in
/// DATA/runs/&lt;id&gt;/. Opening it marks runs an earlier process left queued or running as interrupted.
/// </summary>
internal sealed class RunStore
{
    private readonly string _connection;
    private readonly Lock _lock = new();

    public RunStore(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        _connection = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "runs.db"), Pooling = false }.ToString();
        Execute("""
            CREATE TABLE IF NOT EXISTS runs (
              id TEXT PRIMARY KEY, kind TEXT NOT NULL, status TEXT NOT NULL,
              created TEXT NOT NULL, started TEXT, finished TEXT,
              name TEXT NOT NULL, experiment TEXT NOT NULL, error TEXT);
            """);
        Interrupted = Execute("UPDATE runs SET status = 'interrupted', error = 'the server stopped before the run finished' WHERE status IN ('queued', 'running')");
    }

    /// <summary>How many runs opening the index marked as interrupted.</summary>
    public int Interrupted { get; }

    public void Insert(RunRow r) => Execute(
        "INSERT INTO runs (id, kind, status, created, started, finished, name, experiment, error) VALUES ($id, $kind, $status, $created, NULL, NULL, $name, $experiment, NULL)",
        ("$id", r.Id), ("$kind", r.Kind), ("$status", r.Status), ("$created", Text(r.Created)), ("$name", r.Name), ("$experiment", r.Experiment));

    public void Started(string id, DateTimeOffset at) => Execute("UPDATE runs SET status = 'running', started = $at WHERE id = $id", ("$id", id), ("$at", Text(at)));

    public void Finished(string id, string status, DateTimeOffset at, string? error) => Execute(
        "UPDATE runs SET status = $status, finished = $at, error = $error WHERE id = $id", ("$id", id), ("$status", status), ("$at", Text(at)), ("$error", error));

    public RunRow? Get(string id) => Query("SELECT * FROM runs WHERE id = $id", ("$id", id)).FirstOrDefault();

    /// <summary>Every run, newest first.</summary>
    public IReadOnlyList<RunRow> List() => Query("SELECT * FROM runs ORDER BY created DESC, id DESC");

    private static string Text(DateTimeOffset t) => t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset? Time(SqliteDataReader r, string column) =>
        r[column] is string s ? DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : null;

    private int Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        lock (_lock)
        {
            using var c = Open();
            using var command = Command(c, sql, parameters);
            return command.ExecuteNonQuery();
        }
    }

    private List<RunRow> Query(string sql, params (string Name, object? Value)[] parameters)
    {
        lock (_lock)
        {
            using var c = Open();
            using var command = Command(c, sql, parameters);
            using var r = command.ExecuteReader();
            var rows = new List<RunRow>();
            while (r.Read())
                rows.Add(new RunRow((string)r["id"], (string)r["kind"], (string)r["status"], Time(r, "created")!.Value, Time(r, "started"), Time(r, "finished"),
                    (string)r["name"], (string)r["experiment"], r["error"] as string));
            return rows;
        }
    }

    private SqliteConnection Open()
    {
        var c = new SqliteConnection(_connection);
        c.Open();
        return c;
    }

    private static SqliteCommand Command(SqliteConnection c, string sql, (string Name, object? Value)[] parameters)
    {
        var command = c.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }
}
