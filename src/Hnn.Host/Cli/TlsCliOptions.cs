using System.CommandLine;
using Hnn.Host.Hosting;

namespace Hnn.Host.Cli;

/// <summary>
/// The TLS options of a cluster node (`hnn node`, the --cluster verbs): --tls-cert, --tls-password-env,
/// --tls-ca, --allow-insecure; and the rule for plain TCP: only on a loopback --host, or with
/// --allow-insecure (then a warning on stderr).
/// </summary>
/// <remarks>
/// The certificate's password is read from an environment variable named by --tls-password-env,
/// never from the command line: a process's arguments can be read by every user of the machine
/// (ps, /proc/PID/cmdline) and end up in shell history, its environment only by its own user.
/// </remarks>
internal sealed class TlsCliOptions
{
    public Option<string?> Cert { get; }
    public Option<string?> PasswordEnv { get; }
    public Option<string?> Ca { get; }
    public Option<bool> AllowInsecure { get; }

    /// <param name="prefix">Text before each description (e.g. "with --cluster: ").</param>
    public TlsCliOptions(string prefix = "")
    {
        Cert = new("--tls-cert") { Description = $"{prefix}TLS between nodes: this node's certificate and private key, a PKCS#12 (.pfx) file", HelpName = "FILE" };
        PasswordEnv = new("--tls-password-env") { Description = $"{prefix}name of the environment variable holding the --tls-cert password (none: no password)", HelpName = "NAME" };
        Ca = new("--tls-ca") { Description = $"{prefix}trust peers whose certificate this CA signed (PEM or DER); without it peers must present the same certificate as --tls-cert", HelpName = "FILE" };
        AllowInsecure = new("--allow-insecure") { Description = $"{prefix}allow plain TCP (no --tls-cert) on a non-loopback --host: only on a network where every machine is trusted" };
    }

    public IEnumerable<Option> All => [Cert, PasswordEnv, Ca, AllowInsecure];

    /// <summary>
    /// Applies the options to <paramref name="node"/>, after checking them: --tls-password-env and
    /// --tls-ca need --tls-cert, the variable must be set, and a non-loopback --host needs TLS or
    /// --allow-insecure (which then warns on stderr). The certificate itself is checked by
    /// <see cref="ClusterNodeOptions"/>.
    /// </summary>
    public ClusterNodeOptions Apply(ParseResult parse, ClusterNodeOptions node, bool warn = true)
    {
        var cert = parse.GetValue(Cert);
        var passwordEnv = parse.GetValue(PasswordEnv);
        var ca = parse.GetValue(Ca);
        var insecure = parse.GetValue(AllowInsecure);
        if (cert is null)
        {
            if (passwordEnv is not null) throw new ArgumentException("--tls-password-env is the password of --tls-cert; add --tls-cert FILE");
            if (ca is not null) throw new ArgumentException("--tls-ca checks the peers of a node with TLS; add --tls-cert FILE");
            if (!ClusterNodeOptions.IsLoopback(node.Host))
            {
                if (!insecure)
                    throw new ArgumentException($"--host '{node.Host}' is not a loopback address and there is no --tls-cert: any machine that reaches the port could join the cluster and send it work; "
                        + "allowed: --tls-cert FILE (docs/cli.md, \"TLS between nodes\"), a loopback --host (127.0.0.1, ::1, localhost), or --allow-insecure on a network where every machine is trusted");
                if (warn) Console.Error.WriteLine($"warning: --allow-insecure: plain TCP on '{node.Host}', no TLS: any machine that reaches port {(node.Port == 0 ? "(any)" : node.Port)} can join this cluster; use only on a network where every machine is trusted");
            }
            return node with { AllowInsecure = insecure };
        }
        string? password = null;
        if (passwordEnv is not null)
        {
            if (passwordEnv.Length == 0 || passwordEnv.Contains('='))
                throw new ArgumentException($"--tls-password-env '{passwordEnv}' is not an environment variable name; allowed: a name such as HNN_TLS_PASSWORD");
            password = Environment.GetEnvironmentVariable(passwordEnv)
                ?? throw new ArgumentException($"--tls-password-env {passwordEnv}: the environment variable {passwordEnv} is not set; allowed: the name of a variable holding the password of --tls-cert");
        }
        return node with { Tls = new ClusterTls(cert, ca) { Password = password }, AllowInsecure = insecure };
    }
}
