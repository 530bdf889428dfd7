using System.Text.Json.Nodes;
using OpenQA.Selenium;
using Xunit.Abstractions;

namespace Hnn.Browser.Tests;

[Collection("workbench")]
public sealed class FormTests(WorkbenchFixture fixture, ITestOutputHelper log)
{
    [SkippableFact]
    public void Every_part_of_the_schema_gets_fields_and_every_control_a_label()
    {
        Chromium.RequireOrSkip();
        var page = new Workbench(fixture.Driver, fixture.Server.Url, log);
        page.Open();
        // every kind of form the schema makes: each drive type, a tonic bias, postproc, spectra, record
        var experiment = Experiments.Erp(mesh: 3, tstop: 40);
        var drives = experiment["drives"]!.AsArray();
        drives.Add(JsonNode.Parse("""{"type": "poisson", "name": "p", "rate_constant": {"L5_pyramidal": 10}, "location": "proximal", "weights_ampa": {"L5_pyramidal": 0.001}, "synaptic_delays": 0.1}"""));
        drives.Add(JsonNode.Parse("""{"type": "bursty", "name": "b", "burst_rate": 10, "n_drive_cells": 10, "location": "distal", "weights_ampa": {"L2_pyramidal": 0.0001}}"""));
        drives.Add(JsonNode.Parse("""{"type": "spike_train", "name": "s", "spike_data": {"a": [10, 20]}, "location": "distal", "weights_ampa": {"L5_pyramidal": 0.01}}"""));
        experiment["tonic_biases"] = JsonNode.Parse("""[{"amplitude": {"L5_pyramidal": 0.1}, "t0": 5}]""");
        experiment["postproc"] = JsonNode.Parse("""{"smooth": 30, "scale": 3000}""");
        experiment["spectra"] = JsonNode.Parse("""{"psd": {"fmax": 100}, "tfr": {"freqs": {"start": 25, "stop": 60, "step": 5}}}""");
        experiment["record"] = JsonNode.Parse("""{"vsec": "soma"}""");
        page.SetExperiment(experiment.ToJsonString());

        var unlabelled = ((IEnumerable<object>)page.Driver.ExecuteScript("""
            return [...document.querySelectorAll('input, select, textarea')].filter(el =>
              !el.getAttribute('aria-label') && !el.closest('label') &&
              !(el.id && document.querySelector(`label[for="${CSS.escape(el.id)}"]`))).map(el => el.outerHTML.slice(0, 160));
            """)!).Select(o => o.ToString()).ToArray();
        var controls = Convert.ToInt64(page.Driver.ExecuteScript("return document.querySelectorAll('input, select, textarea').length;"));
        log.WriteLine($"{controls} controls, {unlabelled.Length} without a label");
        Assert.True(controls > 150, $"only {controls} controls: the form did not render every part");
        Assert.True(unlabelled.Length == 0, "unlabelled: " + string.Join("\n", unlabelled));

        foreach (var path in new[] { "$.drives[3].rate_constant.L5_pyramidal", "$.drives[4].burst_rate", "$.drives[5].spike_data", "$.tonic_biases[0].amplitude", "$.postproc.smooth", "$.spectra.psd.fmax", "$.spectra.tfr.freqs", "$.record.vsec" })
            Assert.True(page.Driver.FindElements(By.CssSelector($"[data-path='{path}']")).Count > 0, $"no field {path}");
        // what the form shows is what the JSON holds
        Assert.Equal("10", page.Driver.FindElement(By.CssSelector("[data-path='$.drives[4].burst_rate'] input")).GetAttribute("value"));
        Assert.Equal("3000", page.Driver.FindElement(By.CssSelector("[data-path='$.postproc.scale'] input")).GetAttribute("value"));
    }
}
