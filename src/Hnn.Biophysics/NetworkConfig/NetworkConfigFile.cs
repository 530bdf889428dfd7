using System.Text;
using System.Text.Json;
using Hnn.Biophysics.Experiment;
using Hnn.Biophysics.Network;

namespace Hnn.Biophysics.NetworkConfig;

/// <summary>
/// HNN-core's network configuration file (docs/network-config-file.md): the JSON
/// <c>write_network_configuration</c> writes and <c>read_network_configuration</c> reads.
/// </summary>
public static class NetworkConfigFile
{
    /// <summary>Files hold every gid pair explicitly; a 10×10 network is a few MiB.</summary>
    internal const long FileLimit = 512L << 20;

    public static NetworkConfig Read(string path)
    {
        string text;
        try
        {
            text = Recording.InputFile.ReadAllText(path, "network configuration file", FileLimit);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NetworkConfigFileException(path, "$", e.Message, e);
        }
        return Parse(text, path);
    }

    /// <param name="sourceName">Names the text in errors (a file name).</param>
    public static NetworkConfig Parse(string text, string sourceName)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            throw new NetworkConfigFileException(sourceName, $"$ (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})", $"not valid JSON: {e.Message}", e);
        }
        using (doc)
        {
            try
            {
                return NetworkConfigReader.Read(doc.RootElement);
            }
            catch (ExperimentFileException e)
            {
                throw new NetworkConfigFileException(sourceName, e.JsonPath, e.Message[(e.JsonPath.Length + 2)..], e);
            }
        }
    }

    /// <summary>
    /// True when the file is a JSON object whose top-level <c>object_type</c> is "Network" (HNN-core writes it
    /// first). Looks at the first MiB only, so telling a large file from an experiment file costs nothing.
    /// </summary>
    public static bool IsNetworkConfigFile(string path)
    {
        var buffer = new byte[1 << 20];
        int length;
        try
        {
            Recording.InputFile.CheckRegular(path, "input file", FileLimit);
            using var stream = File.OpenRead(path);
            length = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;   // the experiment reader reports it
        }
        var reader = new Utf8JsonReader(buffer.AsSpan(0, length), isFinalBlock: length < buffer.Length, default);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject) return false;
                var isType = reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("object_type");
                if (!reader.Read()) return false;
                if (isType) return reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("Network");
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip()) return false;
            }
        }
        catch (JsonException)
        {
        }
        return false;
    }

    /// <summary>The file HNN-core's writer would write for <paramref name="net"/> (docs/dev/io.md §5.4).</summary>
    public static string ToJson(NetworkSpec net) => NetworkConfigWriter.ToPyJson(net).Dump();

    /// <summary>Writes <see cref="ToJson"/> atomically: a temporary file beside the target, then a rename.</summary>
    public static void Write(NetworkSpec net, string path)
    {
        var text = ToJson(net);
        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllText(temp, text, new UTF8Encoding(false));
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
