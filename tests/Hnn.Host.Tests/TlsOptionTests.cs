using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Hnn.Host.Hosting;
using Xunit.Abstractions;

namespace Hnn.Host.Tests;

/// <summary>
/// The TLS options of a node, before anything starts: a bad certificate (missing, wrong password,
/// no private key, expired, not signed by the CA) is refused naming the file and what is
/// allowed, the password never printed; plain TCP on a non-loopback host is refused unless
/// allowed, and `hnn node` / `hnn simulate --cluster` say so in one line (or warn, with
/// --allow-insecure). The peer check itself: the CA's certificates, or the pinned one, nothing else.
/// </summary>
public sealed class TlsOptionTests(ITestOutputHelper output) : IDisposable
{
    private readonly TestCertificates _lab = new();

    public void Dispose() => _lab.Dispose();

    private static ArgumentException Refused(ClusterNodeOptions node)
    {
        var e = Assert.Throws<ArgumentException>(() => ClusterNodeHost.Build(node));
        Assert.Equal("node", e.ParamName);
        return e;
    }

    private ClusterNodeOptions With(ClusterTls tls) => new(ClusterNodeOptions.WorkerRole) { Tls = tls };

    [Fact]
    public void BadCertificatesAreRefusedNamingTheFile()
    {
        var good = _lab.Node("good");
        var missing = Path.Combine(_lab.Folder, "missing.pfx");
        var cases = new (string What, ClusterTls Tls, string Message)[]
        {
            ("missing file", new(missing) { Password = TestCertificates.Password },
                $"TLS certificate '{missing}' does not exist; allowed: a PKCS#12 (.pfx) file with the node's certificate and private key"),
            ("wrong password", new(good) { Password = "wrong" }, $"TLS certificate '{good}' cannot be opened with the password given"),
            ("no password", new(good), $"TLS certificate '{good}' cannot be opened without a password"),
            ("not a PKCS#12 file", new(_lab.CaPath), $"TLS certificate '{_lab.CaPath}' is not a PKCS#12 file ("),
            ("no private key", new(_lab.Node("nokey", withKey: false)) { Password = TestCertificates.Password }, "(CN=nokey) has no private key; allowed:"),
            ("expired", new(_lab.Node("old", DateTimeOffset.UtcNow.AddDays(-10), DateTimeOffset.UtcNow.AddDays(-1))) { Password = TestCertificates.Password }, "(CN=old) expired on "),
            ("not yet valid", new(_lab.Node("future", DateTimeOffset.UtcNow.AddDays(1), DateTimeOffset.UtcNow.AddDays(2))) { Password = TestCertificates.Password }, "(CN=future) is not valid before "),
            ("server use only", new(_lab.Node("server", serverOnly: true)) { Password = TestCertificates.Password }, "(CN=server) is not for both TLS server and client use (extended key usage: "),
            ("CA missing", new(good, missing) { Password = TestCertificates.Password }, $"TLS CA '{missing}' does not exist; allowed: the CA's certificate file (PEM or DER)"),
            ("CA not a certificate", new(good, good) { Password = TestCertificates.Password }, $"TLS CA '{good}' is not a certificate"),
        };
        using var other = new TestCertificates("other CA");
        var foreign = other.Node("foreign");
        var all = cases.Append(("signed by another CA", new ClusterTls(foreign, _lab.CaPath) { Password = TestCertificates.Password },
            $"TLS certificate '{foreign}' (CN=foreign) is not signed by the CA '{_lab.CaPath}' (CN=hnn test CA)"));
        foreach (var (what, tls, message) in all)
        {
            var e = Refused(With(tls));
            output.WriteLine($"{what}: {e.Message}");
            Assert.Contains(message, e.Message);
            Assert.DoesNotContain(TestCertificates.Password, e.Message);
        }
        // The good one passes, with its CA and pinned; the password is not in the options' text.
        With(new ClusterTls(good, _lab.CaPath) { Password = TestCertificates.Password }).Validate();
        var pinned = With(new ClusterTls(good) { Password = TestCertificates.Password });
        pinned.Validate();
        Assert.DoesNotContain(TestCertificates.Password, pinned.ToString());
        Assert.Contains("Password = ***", pinned.ToString());
    }

    [Theory]
    [InlineData("10.1.2.3")]
    [InlineData("node7.example.org")]
    [InlineData("0.0.0.0")]
    public void PlainTcpOnANonLoopbackHostIsRefusedUnlessAllowed(string host)
    {
        var e = Refused(new ClusterNodeOptions(ClusterNodeOptions.WorkerRole, host, 4999, ["akka.tcp://hnn@127.0.0.1:4053"]));
        Assert.StartsWith($"host '{host}' is not a loopback address and the node has no TLS", e.Message);
        new ClusterNodeOptions(ClusterNodeOptions.WorkerRole, host) { AllowInsecure = true }.Validate();
        new ClusterNodeOptions(ClusterNodeOptions.WorkerRole, host) { Tls = new ClusterTls(_lab.Node("n"), _lab.CaPath) { Password = TestCertificates.Password } }.Validate();
        foreach (var loopback in new[] { "127.0.0.1", "127.0.0.2", "::1", "localhost" })
            new ClusterNodeOptions(ClusterNodeOptions.WorkerRole, loopback).Validate();
    }

    [Fact]
    public void SeedsMustUseTheNodesProtocol()
    {
        var tls = new ClusterTls(_lab.Node("n"), _lab.CaPath) { Password = TestCertificates.Password };
        var e = Refused(new ClusterNodeOptions(ClusterNodeOptions.WorkerRole, Seeds: ["akka.tcp://hnn@127.0.0.1:4053"]) { Tls = tls });
        Assert.StartsWith("seed 'akka.tcp://hnn@127.0.0.1:4053' is a plain-TCP address but this node uses TLS; allowed: akka.ssl.tcp://hnn@HOST:PORT", e.Message);
        e = Refused(new ClusterNodeOptions(ClusterNodeOptions.WorkerRole, Seeds: ["akka.ssl.tcp://hnn@127.0.0.1:4053"]));
        Assert.StartsWith("seed 'akka.ssl.tcp://hnn@127.0.0.1:4053' is a TLS address but this node has no TLS", e.Message);
    }

    [Fact]
    public void PeersAreAcceptedOnlyWithTheCasSignatureOrThePinnedCertificate()
    {
        using var other = new TestCertificates("other CA");
        X509Certificate2 Load(string path) => X509CertificateLoader.LoadPkcs12FromFile(path, TestCertificates.Password);
        var (mine, peer, foreign) = (_lab.Node("mine"), Load(_lab.Node("peer")), Load(other.Node("foreign")));
        var log = Akka.Event.NoLogger.Instance;
        var byCa = new ClusterTls(mine, _lab.CaPath) { Password = TestCertificates.Password }.Load().Validator();
        var pinned = new ClusterTls(mine) { Password = TestCertificates.Password }.Load().Validator();
        // What SslStream reports for a certificate of an unknown CA: the checks do not rely on it.
        const SslPolicyErrors errors = SslPolicyErrors.RemoteCertificateChainErrors;
        Assert.True(byCa(peer, null, "peer", errors, log));
        Assert.True(byCa(Load(mine), null, "self", errors, log));
        Assert.False(byCa(foreign, null, "foreign", SslPolicyErrors.None, log));
        Assert.False(byCa(null, null, "anonymous", SslPolicyErrors.None, log));
        Assert.True(pinned(Load(mine), null, "same certificate", errors, log));
        Assert.False(pinned(peer, null, "same CA, another certificate", SslPolicyErrors.None, log));
        Assert.False(pinned(foreign, null, "foreign", SslPolicyErrors.None, log));
        Assert.False(pinned(null, null, "anonymous", SslPolicyErrors.None, log));
    }

    [Fact]
    public void TheCliRefusesPlainTcpOnTheNetworkAndBadTlsOptionsInOneLine()
    {
        var cert = _lab.Node("cli");
        var missing = Path.Combine(_lab.Folder, "nope.pfx");
        var env = new Dictionary<string, string> { ["HNN_TEST_TLS_PASSWORD"] = "wrong-password" };
        var cases = new (string[] Args, IReadOnlyDictionary<string, string>? Env, string Message)[]
        {
            (["node", "--host", "10.1.2.3", "--port", "4999"], null,
                "hnn node: --host '10.1.2.3' is not a loopback address and there is no --tls-cert: any machine that reaches the port could join the cluster and send it work; allowed: --tls-cert FILE"),
            (["simulate", TestData.Example("erp.json"), "--out", Path.Combine(_lab.Folder, "out"), "--cluster", "--host", "10.1.2.3"], null,
                "hnn simulate: --host '10.1.2.3' is not a loopback address and there is no --tls-cert"),
            (["node", "--port", "4999", "--tls-cert", missing], null, $"hnn node: TLS certificate '{missing}' does not exist; allowed: a PKCS#12 (.pfx) file"),
            (["node", "--port", "4999", "--tls-cert", cert, "--tls-password-env", "HNN_TEST_TLS_PASSWORD"], env,
                $"hnn node: TLS certificate '{cert}' cannot be opened with the password given"),
            (["node", "--port", "4999", "--tls-cert", cert, "--tls-password-env", "HNN_TEST_UNSET_VARIABLE"], null,
                "hnn node: --tls-password-env HNN_TEST_UNSET_VARIABLE: the environment variable HNN_TEST_UNSET_VARIABLE is not set"),
            (["node", "--port", "4999", "--tls-ca", _lab.CaPath], null, "hnn node: --tls-ca checks the peers of a node with TLS; add --tls-cert FILE"),
            (["simulate", TestData.Example("erp.json"), "--out", Path.Combine(_lab.Folder, "out"), "--tls-cert", cert], null,
                "hnn simulate: --tls-cert is a cluster option; add --cluster"),
        };
        foreach (var (args, environment, message) in cases)
        {
            var r = environment is null ? HnnProcess.Run(args) : HnnProcess.RunWithEnvironment(environment, args);
            output.WriteLine($"{string.Join(' ', args.Select(Path.GetFileName))}: exit {r.ExitCode}; {r.Stderr.Trim()}");
            Assert.Equal(2, r.ExitCode);
            Assert.StartsWith(message, r.Stderr.Trim());
            Assert.Single(r.Stderr.Trim().Split('\n'));
            Assert.DoesNotContain("wrong-password", r.Stdout + r.Stderr);
        }
        Assert.False(Directory.Exists(Path.Combine(_lab.Folder, "out")));
    }

    [Fact]
    public async Task AllowInsecureOnTheNetworkRunsWithAWarning()
    {
        using var node = HnnProcess.Start("node", "--host", "0.0.0.0", "--port", "0", "--seed", "akka.tcp://hnn@127.0.0.1:1", "--allow-insecure");
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var warning = await node.StandardError.ReadLineAsync(limit.Token);
            output.WriteLine(warning);
            Assert.StartsWith("warning: --allow-insecure: plain TCP on '0.0.0.0', no TLS: any machine that reaches port (any) can join this cluster", warning);
            var started = await node.StandardOutput.ReadLineAsync(limit.Token);
            output.WriteLine(started);
            Assert.Contains("joining akka.tcp://hnn@127.0.0.1:1", started);
        }
        finally
        {
            node.Kill(entireProcessTree: true);
            await node.WaitForExitAsync();
        }
    }
}
